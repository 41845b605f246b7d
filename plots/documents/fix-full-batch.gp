# fix-full-batch.gp — written by GradientLab. Edit and re-render with: gnuplot fix-full-batch.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'fix-full-batch.png'
set title 'Fix: full batch: global gradient norm, before and after'
set xlabel 'training examples seen'
set ylabel '‖g‖'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
plot 'fix-full-batch.dat' index 0 using 1:2 with lines linewidth 2 linecolor rgb '#1f77b4' title 'baseline', \
     'fix-full-batch.dat' index 1 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#d62728' title 'full batch'
