# edge-of-stability-loss.gp — written by GradientLab. Edit and re-render with: gnuplot edge-of-stability-loss.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'edge-of-stability-loss.png'
set title 'Full-batch loss'
set xlabel 'GD step'
set ylabel 'loss'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
plot 'edge-of-stability-loss.dat' index 0 using 1:2 with lines linewidth 2 linecolor rgb '#1f77b4' title 'η', \
     'edge-of-stability-loss.dat' index 1 using 1:2 with lines linewidth 2 linecolor rgb '#d62728' title 'η/2'
