# covariate-shift.gp — written by GradientLab. Edit and re-render with: gnuplot covariate-shift.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'covariate-shift.png'
set title 'Internal covariate shift during training (median over layers)'
set xlabel 'SGD step'
set ylabel '‖G_i − G''_i‖ / ‖G_i‖'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
plot 'covariate-shift.dat' index 0 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#1f77b4' title 'plain', \
     'covariate-shift.dat' index 1 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#d62728' title 'batch norm', \
     'covariate-shift.dat' index 2 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#2ca02c' title 'batch norm + noise'
