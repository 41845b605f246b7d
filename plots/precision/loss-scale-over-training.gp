# loss-scale-over-training.gp — written by GradientLab. Edit and re-render with: gnuplot loss-scale-over-training.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'loss-scale-over-training.png'
set title 'The dynamic loss scale S over training, seed 42'
set xlabel 'SGD step'
set ylabel 'S'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
plot 'loss-scale-over-training.dat' index 0 using 1:2 with steps linewidth 2 linecolor rgb '#1f77b4' title 'S', \
     'loss-scale-over-training.dat' index 1 using 1:2 with points pointtype 7 pointsize 0.6 linecolor rgb '#d62728' title 'skipped steps (1)'
