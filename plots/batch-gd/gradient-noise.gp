# gradient-noise.gp — written by GradientLab. Edit and re-render with: gnuplot gradient-noise.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'gradient-noise.png'
set title 'Mini-batch gradient noise against batch size'
set xlabel 'batch size B'
set ylabel 'E‖g_B − ḡ‖²'
set grid
set key outside right top
set logscale x
set logscale y; set format y '10^{%L}'
plot 'gradient-noise.dat' index 0 using 1:2 with points pointtype 7 pointsize 0.6 linecolor rgb '#d62728' title 'measured', \
     'gradient-noise.dat' index 1 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#d62728' title '((n−B)/(n−1))·tr Σ/B'
