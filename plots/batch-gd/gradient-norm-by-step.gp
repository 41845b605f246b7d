# gradient-norm-by-step.gp — written by GradientLab. Edit and re-render with: gnuplot gradient-norm-by-step.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'gradient-norm-by-step.png'
set title 'Norm of the gradient used at each step'
set xlabel 'step'
set ylabel '‖g‖'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
plot 'gradient-norm-by-step.dat' index 0 using 1:2 with lines linewidth 2 linecolor rgb '#1f77b4' title 'full batch (1438)', \
     'gradient-norm-by-step.dat' index 1 using 1:2 with points pointtype 7 pointsize 0.6 linecolor rgb '#d62728' title 'batch 32', \
     'gradient-norm-by-step.dat' index 2 using 1:2 with points pointtype 7 pointsize 0.6 linecolor rgb '#2ca02c' title 'one example'
