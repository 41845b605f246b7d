# resnet-in-small.gp — written by GradientLab. Edit and re-render with: gnuplot resnet-in-small.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'resnet-in-small.png'
set title 'The documents'' ResNet in small: mini-batch MSE'
set xlabel 'training examples seen'
set ylabel 'mean squared error'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
plot 'resnet-in-small.dat' index 0 using 1:2 with lines linewidth 2 linecolor rgb '#1f77b4' title 'plain (no skips)', \
     'resnet-in-small.dat' index 1 using 1:2 with lines linewidth 2 linecolor rgb '#d62728' title 'ResNet', \
     'resnet-in-small.dat' index 2 using 1:2 with lines linewidth 2 linecolor rgb '#2ca02c' title 'ResNet, α = 1/√L', \
     'resnet-in-small.dat' index 3 using 1:2 with lines linewidth 2 linecolor rgb '#ff7f0e' title 'ResNet + BN', \
     'resnet-in-small.dat' index 4 using 1:2 with lines linewidth 2 linecolor rgb '#9467bd' title 'ResNet + BN, full batch'
