# edge-of-chaos-gradients.gp — written by GradientLab. Edit and re-render with: gnuplot edge-of-chaos-gradients.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'edge-of-chaos-gradients.png'
set title 'Gradient norm by layer, tanh, σ_b² = 0.05'
set xlabel 'hidden layer l'
set ylabel '‖∂L/∂h_l‖'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
plot 'edge-of-chaos-gradients.dat' index 0 using 1:2 with lines linewidth 2 linecolor rgb '#1f77b4' title 'σ_w² = 1.06, χ₁ = 0.786', \
     'edge-of-chaos-gradients.dat' index 1 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#1f77b4' notitle, \
     'edge-of-chaos-gradients.dat' index 2 using 1:2 with lines linewidth 2 linecolor rgb '#d62728' title 'σ_w² = 1.76, χ₁ = 1', \
     'edge-of-chaos-gradients.dat' index 3 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#d62728' notitle, \
     'edge-of-chaos-gradients.dat' index 4 using 1:2 with lines linewidth 2 linecolor rgb '#2ca02c' title 'σ_w² = 2.82, χ₁ = 1.18', \
     'edge-of-chaos-gradients.dat' index 5 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#2ca02c' notitle
