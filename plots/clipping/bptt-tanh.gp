# bptt-tanh.gp — written by GradientLab. Edit and re-render with: gnuplot bptt-tanh.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'bptt-tanh.png'
set title 'tanh RNN at init: gradient reaching h_{T−k}'
set xlabel 'steps back k'
set ylabel '‖∂L/∂h_{T−k}‖ / ‖∂L/∂h_T‖'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
plot 'bptt-tanh.dat' index 0 using 1:2 with lines linewidth 2 linecolor rgb '#ff7f0e' title 'tanh, orthogonal ×0.9 (σ₁ = 0.9)', \
     'bptt-tanh.dat' index 1 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#ff7f0e' notitle, \
     'bptt-tanh.dat' index 2 using 1:2 with lines linewidth 2 linecolor rgb '#9467bd' title 'tanh, Gaussian 0.8/√n (σ₁ = 1.53)', \
     'bptt-tanh.dat' index 3 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#9467bd' notitle, \
     'bptt-tanh.dat' index 4 using 1:2 with lines linewidth 2 linecolor rgb '#8c564b' title 'tanh, orthogonal ×1.5 (σ₁ = 1.5)', \
     'bptt-tanh.dat' index 5 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#8c564b' notitle, \
     'bptt-tanh.dat' index 6 using 1:2 with lines linewidth 2 linecolor rgb '#1f77b4' title 'steps 3–5: tanh, orthogonal ×1.0 (σ₁ = 1)', \
     'bptt-tanh.dat' index 7 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#1f77b4' notitle
