# deep-mlp-loss.gp — written by GradientLab. Edit and re-render with: gnuplot deep-mlp-loss.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'deep-mlp-loss.png'
set title 'Deep ReLU MLPs on digits, with and without clipping'
set xlabel 'SGD step'
set ylabel 'mini-batch loss'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
set arrow 1 from 6.0, graph 0 to 6.0, graph 1 nohead dashtype 3 linewidth 2 linecolor rgb '#444444'
set label 1 'depth 10, η = 1: non-finite at step 6' at 6.0, graph 0.95 left offset 0.5,0 textcolor rgb '#444444' noenhanced
plot 'deep-mlp-loss.dat' index 0 using 1:2 with lines linewidth 2 linecolor rgb '#1f77b4' title 'depth 10, η = 1', \
     'deep-mlp-loss.dat' index 1 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#d62728' title 'depth 10, η = 1, clipped', \
     'deep-mlp-loss.dat' index 2 using 1:2 with lines linewidth 2 linecolor rgb '#2ca02c' title 'depth 10, η = 0.05', \
     'deep-mlp-loss.dat' index 3 using 1:2 with lines linewidth 2 linecolor rgb '#ff7f0e' title 'Xavier depth 30', \
     'deep-mlp-loss.dat' index 4 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#9467bd' title 'Xavier depth 30, clipped'
