# clipping-lens.gp — written by GradientLab. Edit and re-render with: gnuplot clipping-lens.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'clipping-lens.png'
set title 'The clipping lens, τ = 0.7911: norm before and after clipping'
set xlabel 'SGD step'
set ylabel '‖g‖'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
plot 'clipping-lens.dat' index 0 using 1:2 with lines linewidth 1 linecolor rgb '#B01f77b4' title 'before clipping', \
     'clipping-lens.dat' index 1 using 1:2 with lines linewidth 2 linecolor rgb '#d62728' title 'after clipping', \
     'clipping-lens.dat' index 2 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#2ca02c' title 'τ'
