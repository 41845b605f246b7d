# loss-by-format.gp — written by GradientLab. Edit and re-render with: gnuplot loss-by-format.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'loss-by-format.png'
set title 'Mini-batch loss, seed 42: Float32, Float16 unscaled and scaled'
set xlabel 'SGD step'
set ylabel 'loss (mean of 50 steps)'
set grid
set key below horizontal maxcols 3 samplen 2
set logscale y; set format y '10^{%L}'
plot 'loss-by-format.dat' index 0 using 1:2 with lines linewidth 2 linecolor rgb '#1f77b4' title 'Float32', \
     'loss-by-format.dat' index 1 using 1:2 with lines linewidth 2 linecolor rgb '#d62728' title 'Float16, no scaling', \
     'loss-by-format.dat' index 2 using 1:2 with lines linewidth 2 linecolor rgb '#2ca02c' title 'BFloat16, no scaling', \
     'loss-by-format.dat' index 3 using 1:2 with lines linewidth 2 linecolor rgb '#ff7f0e' title 'Float16, S = 2¹⁰', \
     'loss-by-format.dat' index 4 using 1:2 with lines linewidth 2 linecolor rgb '#9467bd' title 'Float16, dynamic S'
