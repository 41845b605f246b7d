# gradient-by-depth.gp — written by GradientLab. Edit and re-render with: gnuplot gradient-by-depth.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'gradient-by-depth.png'
set title 'First-layer over last-layer weight gradient at init'
set xlabel 'weight layers L'
set ylabel '‖∂L/∂W_{first}‖ / ‖∂L/∂W_{last}‖'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
plot 'gradient-by-depth.dat' index 0 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#1f77b4' title 'plain', \
     'gradient-by-depth.dat' index 1 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#d62728' title 'residual, α = 1/√L', \
     'gradient-by-depth.dat' index 2 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#2ca02c' title 'BN only', \
     'gradient-by-depth.dat' index 3 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#ff7f0e' title 'BN + residual'
