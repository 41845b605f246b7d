# loss-smoothness.gp — written by GradientLab. Edit and re-render with: gnuplot loss-smoothness.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'loss-smoothness.png'
set title 'Effective β-smoothness along the gradient'
set xlabel 'SGD step'
set ylabel 'max ‖∇L(W) − ∇L(W − kηg)‖ / (kη‖g‖)'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
plot 'loss-smoothness.dat' index 0 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#1f77b4' title 'plain', \
     'loss-smoothness.dat' index 1 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#d62728' title 'batch norm', \
     'loss-smoothness.dat' index 2 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#2ca02c' title 'batch norm + noise'
