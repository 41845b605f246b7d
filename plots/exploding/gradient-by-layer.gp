# gradient-by-layer.gp — written by GradientLab. Edit and re-render with: gnuplot gradient-by-layer.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'gradient-by-layer.png'
set title 'Back-propagated gradient norm by layer (ReLU, depth 50)'
set xlabel 'hidden layer l (input side = 1)'
set ylabel '‖∂L/∂h_l‖'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
plot 'gradient-by-layer.dat' index 0 using 1:2 with lines linewidth 2 linecolor rgb '#1f77b4' title 'σ_w² = 1', \
     'gradient-by-layer.dat' index 1 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#1f77b4' title 'theory ×0.7071/layer', \
     'gradient-by-layer.dat' index 2 using 1:2 with lines linewidth 2 linecolor rgb '#d62728' title 'σ_w² = 2', \
     'gradient-by-layer.dat' index 3 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#d62728' title 'theory ×1/layer', \
     'gradient-by-layer.dat' index 4 using 1:2 with lines linewidth 2 linecolor rgb '#2ca02c' title 'σ_w² = 3', \
     'gradient-by-layer.dat' index 5 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#2ca02c' title 'theory ×1.225/layer', \
     'gradient-by-layer.dat' index 6 using 1:2 with lines linewidth 2 linecolor rgb '#ff7f0e' title 'σ_w² = 4', \
     'gradient-by-layer.dat' index 7 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#ff7f0e' title 'theory ×1.414/layer'
