# loss-by-step.gp — written by GradientLab. Edit and re-render with: gnuplot loss-by-step.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'loss-by-step.png'
set title 'Training loss (whole training set) against step'
set xlabel 'step'
set ylabel 'loss'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
plot 'loss-by-step.dat' index 0 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#1f77b4' title 'full batch (1438)', \
     'loss-by-step.dat' index 1 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#d62728' title 'batch 32', \
     'loss-by-step.dat' index 2 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#2ca02c' title 'one example'
