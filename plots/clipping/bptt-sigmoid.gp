# bptt-sigmoid.gp — written by GradientLab. Edit and re-render with: gnuplot bptt-sigmoid.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'bptt-sigmoid.png'
set title 'sigmoid RNN at init: gradient reaching h_{T−k}'
set xlabel 'steps back k'
set ylabel '‖∂L/∂h_{T−k}‖ / ‖∂L/∂h_T‖'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
plot 'bptt-sigmoid.dat' index 0 using 1:2 with lines linewidth 2 linecolor rgb '#e377c2' title 'sigmoid, orthogonal ×6 (σ₁ = 6)', \
     'bptt-sigmoid.dat' index 1 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#e377c2' notitle, \
     'bptt-sigmoid.dat' index 2 using 1:2 with lines linewidth 2 linecolor rgb '#17becf' title 'sigmoid, orthogonal ×12 (σ₁ = 12)', \
     'bptt-sigmoid.dat' index 3 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#17becf' notitle
