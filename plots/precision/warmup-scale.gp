# warmup-scale.gp — written by GradientLab. Edit and re-render with: gnuplot warmup-scale.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'warmup-scale.png'
set title 'The dynamic scale S during the warm-up, seed 42'
set xlabel 'SGD step'
set ylabel 'S'
set grid
set key below horizontal maxcols 3 samplen 2
set logscale y; set format y '10^{%L}'
plot 'warmup-scale.dat' index 0 using 1:2 with steps linewidth 2 linecolor rgb '#d62728' title 'Float16, dynamic S', \
     'warmup-scale.dat' index 1 using 1:2 with steps linewidth 2 linecolor rgb '#2ca02c' title 'Float16, dynamic S, clip after unscaling', \
     'warmup-scale.dat' index 2 using 1:2 with steps linewidth 2 linecolor rgb '#ff7f0e' title 'Float16, dynamic S, clip before unscaling'
