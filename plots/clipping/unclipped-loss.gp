# unclipped-loss.gp — written by GradientLab. Edit and re-render with: gnuplot unclipped-loss.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'unclipped-loss.png'
set title 'No clipping: mini-batch loss per step'
set xlabel 'SGD step'
set ylabel '½-squared error'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
set arrow 1 from 5.0, graph 0 to 5.0, graph 1 nohead dashtype 3 linewidth 2 linecolor rgb '#444444'
set label 1 'first spike, step 5' at 5.0, graph 0.95 left offset 0.5,0 textcolor rgb '#444444' noenhanced
set arrow 2 from 48.0, graph 0 to 48.0, graph 1 nohead dashtype 3 linewidth 2 linecolor rgb '#444444'
set label 2 'non-finite at step 48' at 48.0, graph 0.8899999999999999 left offset 0.5,0 textcolor rgb '#444444' noenhanced
plot 'unclipped-loss.dat' index 0 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#1f77b4' title 'mini-batch loss', \
     'unclipped-loss.dat' index 1 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#d62728' title 'predicting the mean (1/12)'
