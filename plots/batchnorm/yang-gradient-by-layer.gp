# yang-gradient-by-layer.gp — written by GradientLab. Edit and re-render with: gnuplot yang-gradient-by-layer.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'yang-gradient-by-layer.png'
set title 'BN-ReLU net at init, B = 64'
set xlabel 'hidden layer l'
set ylabel '‖∂L/∂h_l‖'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
plot 'yang-gradient-by-layer.dat' index 0 using 1:2 with lines linewidth 2 linecolor rgb '#d62728' title 'measured', \
     'yang-gradient-by-layer.dat' index 1 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#d62728' title '√λ per layer'
