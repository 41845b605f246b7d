# fix-init.gp — written by GradientLab. Edit and re-render with: gnuplot fix-init.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'fix-init.png'
set title 'Fix: Glorot init: global gradient norm, before and after'
set xlabel 'training examples seen'
set ylabel '‖g‖'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
plot 'fix-init.dat' index 0 using 1:2 with lines linewidth 2 linecolor rgb '#1f77b4' title 'baseline', \
     'fix-init.dat' index 1 using 1:2 with lines linewidth 2 linecolor rgb '#d62728' title 'Glorot init'
