# symmetry-training-loss.gp — written by GradientLab. Edit and re-render with: gnuplot symmetry-training-loss.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'symmetry-training-loss.png'
set title 'Training loss: symmetric vs random init'
set xlabel 'SGD step'
set ylabel 'mini-batch loss'
set grid
set key outside right top
plot 'symmetry-training-loss.dat' index 0 using 1:2 with lines linewidth 2 linecolor rgb '#1f77b4' title 'all zero', \
     'symmetry-training-loss.dat' index 1 using 1:2 with lines linewidth 2 linecolor rgb '#d62728' title 'constant 1/256', \
     'symmetry-training-loss.dat' index 2 using 1:2 with lines linewidth 2 linecolor rgb '#2ca02c' title 'He'
