# training-without-normalization.gp — written by GradientLab. Edit and re-render with: gnuplot training-without-normalization.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'training-without-normalization.png'
set title '100 weight layers, no normalization'
set xlabel 'SGD step'
set ylabel 'mini-batch loss'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
set arrow 1 from 1.0, graph 0 to 1.0, graph 1 nohead dashtype 3 linewidth 2 linecolor rgb '#444444'
set label 1 'residual, α = 1: non-finite at step 1' at 1.0, graph 0.95 left offset 0.5,0 textcolor rgb '#444444' noenhanced
plot 'training-without-normalization.dat' index 0 using 1:2 with points pointtype 7 pointsize 0.6 linecolor rgb '#1f77b4' title 'residual, α = 1', \
     'training-without-normalization.dat' index 1 using 1:2 with lines linewidth 2 linecolor rgb '#d62728' title 'residual, α = 1/√L', \
     'training-without-normalization.dat' index 2 using 1:2 with lines linewidth 2 linecolor rgb '#2ca02c' title 'Fixup', \
     'training-without-normalization.dat' index 3 using 1:2 with lines linewidth 2 linecolor rgb '#ff7f0e' title 'SkipInit (α = 0, learned)'
