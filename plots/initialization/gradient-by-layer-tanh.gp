# gradient-by-layer-tanh.gp — written by GradientLab. Edit and re-render with: gnuplot gradient-by-layer-tanh.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'gradient-by-layer-tanh.png'
set title 'Gradient norm by layer at init, tanh (depth 50, width 256)'
set xlabel 'hidden layer l (input side = 1)'
set ylabel '‖∂L/∂h_l‖'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
plot 'gradient-by-layer-tanh.dat' index 0 using 1:2 with lines linewidth 2 linecolor rgb '#1f77b4' title 'naive N(0,1)', \
     'gradient-by-layer-tanh.dat' index 1 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#1f77b4' notitle, \
     'gradient-by-layer-tanh.dat' index 2 using 1:2 with lines linewidth 2 linecolor rgb '#d62728' title 'LeCun', \
     'gradient-by-layer-tanh.dat' index 3 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#d62728' notitle, \
     'gradient-by-layer-tanh.dat' index 4 using 1:2 with lines linewidth 2 linecolor rgb '#2ca02c' title 'Xavier', \
     'gradient-by-layer-tanh.dat' index 5 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#2ca02c' notitle, \
     'gradient-by-layer-tanh.dat' index 6 using 1:2 with lines linewidth 2 linecolor rgb '#ff7f0e' title 'He', \
     'gradient-by-layer-tanh.dat' index 7 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#ff7f0e' notitle, \
     'gradient-by-layer-tanh.dat' index 8 using 1:2 with lines linewidth 2 linecolor rgb '#9467bd' title 'orthogonal', \
     'gradient-by-layer-tanh.dat' index 9 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#9467bd' notitle
