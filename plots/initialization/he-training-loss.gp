# he-training-loss.gp — written by GradientLab. Edit and re-render with: gnuplot he-training-loss.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'he-training-loss.png'
set title 'Training loss, 30-layer ReLU net'
set xlabel 'SGD step'
set ylabel 'mini-batch loss'
set grid
set key outside right top
plot 'he-training-loss.dat' index 0 using 1:2 with lines linewidth 2 linecolor rgb '#1f77b4' title 'Xavier', \
     'he-training-loss.dat' index 1 using 1:2 with lines linewidth 2 linecolor rgb '#d62728' title 'He'
