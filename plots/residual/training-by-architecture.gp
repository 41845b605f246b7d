# training-by-architecture.gp — written by GradientLab. Edit and re-render with: gnuplot training-by-architecture.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'training-by-architecture.png'
set title '50 weight layers on digits: plain vs residual'
set xlabel 'SGD step'
set ylabel 'mini-batch loss'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
plot 'training-by-architecture.dat' index 0 using 1:2 with lines linewidth 2 linecolor rgb '#1f77b4' title 'plain', \
     'training-by-architecture.dat' index 1 using 1:2 with lines linewidth 2 linecolor rgb '#d62728' title 'residual, α = 1/√L', \
     'training-by-architecture.dat' index 2 using 1:2 with lines linewidth 2 linecolor rgb '#2ca02c' title 'BN only', \
     'training-by-architecture.dat' index 3 using 1:2 with lines linewidth 2 linecolor rgb '#ff7f0e' title 'BN + residual'
