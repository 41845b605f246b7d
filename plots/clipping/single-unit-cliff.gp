# single-unit-cliff.gp — written by GradientLab. Edit and re-render with: gnuplot single-unit-cliff.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'single-unit-cliff.png'
set title 'One linear unit, t = 50: the loss ½(x_{50} − 1)² along w'
set xlabel 'w'
set ylabel 'value'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
set arrow 1 from 1.013959479790029, graph 0 to 1.013959479790029, graph 1 nohead dashtype 3 linewidth 2 linecolor rgb '#444444'
set label 1 'minimum, w = 1.014' at 1.013959479790029, graph 0.95 left offset 0.5,0 textcolor rgb '#444444' noenhanced
plot 'single-unit-cliff.dat' index 0 using 1:2 with lines linewidth 2 linecolor rgb '#1f77b4' title 'loss L(w)', \
     'single-unit-cliff.dat' index 1 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#d62728' title '|dL/dw|'
