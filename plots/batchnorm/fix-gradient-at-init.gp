# fix-gradient-at-init.gp — written by GradientLab. Edit and re-render with: gnuplot fix-gradient-at-init.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'fix-gradient-at-init.png'
set title 'Gradient norm by layer at step 0'
set xlabel 'hidden layer l'
set ylabel '‖∂L/∂h_l‖'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
plot 'fix-gradient-at-init.dat' index 0 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#1f77b4' title 'plain', \
     'fix-gradient-at-init.dat' index 1 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#d62728' title 'with batch norm'
