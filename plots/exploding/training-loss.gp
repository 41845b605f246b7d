# training-loss.gp — written by GradientLab. Edit and re-render with: gnuplot training-loss.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'training-loss.png'
set title 'Training loss'
set xlabel 'SGD step'
set ylabel 'mini-batch loss'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
set arrow 1 from 1.0, graph 0 to 1.0, graph 1 nohead dashtype 3 linewidth 2 linecolor rgb '#444444'
set label 1 'σ_w² = 3: non-finite at step 1' at 1.0, graph 0.95 left offset 0.5,0 textcolor rgb '#444444' noenhanced
plot 'training-loss.dat' index 0 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#1f77b4' title 'σ_w² = 3', \
     'training-loss.dat' index 1 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#d62728' title 'he'
