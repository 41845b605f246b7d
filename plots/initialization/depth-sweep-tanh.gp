# depth-sweep-tanh.gp — written by GradientLab. Edit and re-render with: gnuplot depth-sweep-tanh.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'depth-sweep-tanh.png'
set title '‖g_1‖/‖g_L‖ against depth, tanh (width 256)'
set xlabel 'depth L (hidden layers)'
set ylabel '‖∂L/∂h_1‖ / ‖∂L/∂h_L‖'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
plot 'depth-sweep-tanh.dat' index 0 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#1f77b4' title 'LeCun', \
     'depth-sweep-tanh.dat' index 1 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#1f77b4' notitle, \
     'depth-sweep-tanh.dat' index 2 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#d62728' title 'Xavier', \
     'depth-sweep-tanh.dat' index 3 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#d62728' notitle, \
     'depth-sweep-tanh.dat' index 4 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#2ca02c' title 'He', \
     'depth-sweep-tanh.dat' index 5 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#2ca02c' notitle, \
     'depth-sweep-tanh.dat' index 6 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#ff7f0e' title 'orthogonal', \
     'depth-sweep-tanh.dat' index 7 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#ff7f0e' notitle
