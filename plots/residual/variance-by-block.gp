# variance-by-block.gp — written by GradientLab. Edit and re-render with: gnuplot variance-by-block.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'variance-by-block.png'
set title '‖x_l‖²/‖x_0‖² through 100 residual blocks at init'
set xlabel 'block l'
set ylabel '‖x_l‖² / ‖x_0‖²'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
plot 'variance-by-block.dat' index 0 using 1:2 with lines linewidth 2 linecolor rgb '#1f77b4' title 'α = 1', \
     'variance-by-block.dat' index 1 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#1f77b4' notitle, \
     'variance-by-block.dat' index 2 using 1:2 with lines linewidth 2 linecolor rgb '#d62728' title 'α = 1/√100', \
     'variance-by-block.dat' index 3 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#d62728' notitle, \
     'variance-by-block.dat' index 4 using 1:2 with lines linewidth 2 linecolor rgb '#2ca02c' title 'α = 0', \
     'variance-by-block.dat' index 5 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#2ca02c' notitle
