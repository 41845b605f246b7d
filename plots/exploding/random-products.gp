# random-products.gp — written by GradientLab. Edit and re-render with: gnuplot random-products.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'random-products.png'
set title 'Norm through a product of random matrices (width 256)'
set xlabel 'number of matrices multiplied'
set ylabel '‖v_l‖ / ‖v_0‖'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
plot 'random-products.dat' index 0 using 1:2 with lines linewidth 2 linecolor rgb '#1f77b4' title 's = 0.9 measured', \
     'random-products.dat' index 1 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#1f77b4' title 's^l (theory)', \
     'random-products.dat' index 2 using 1:2 with lines linewidth 2 linecolor rgb '#d62728' title 's = 1 measured', \
     'random-products.dat' index 3 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#d62728' title 's^l (theory)', \
     'random-products.dat' index 4 using 1:2 with lines linewidth 2 linecolor rgb '#2ca02c' title 's = 1.1 measured', \
     'random-products.dat' index 5 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#2ca02c' title 's^l (theory)'
