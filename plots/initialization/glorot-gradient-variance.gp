# glorot-gradient-variance.gp — written by GradientLab. Edit and re-render with: gnuplot glorot-gradient-variance.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'glorot-gradient-variance.png'
set title 'Back-propagated gradient variance, 5 tanh layers'
set xlabel 'hidden layer l (input side = 1)'
set ylabel 'Var[∂L/∂h_l] / Var[∂L/∂h_5]'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
plot 'glorot-gradient-variance.dat' index 0 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#d62728' title 'standard U[±1/√n]', \
     'glorot-gradient-variance.dat' index 1 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#d62728' notitle, \
     'glorot-gradient-variance.dat' index 2 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#1f77b4' title 'normalized (Xavier)', \
     'glorot-gradient-variance.dat' index 3 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#1f77b4' notitle, \
     'glorot-gradient-variance.dat' index 4 using 1:2 with points pointtype 7 pointsize 0.6 linecolor rgb '#8c564b' title 'paper, standard', \
     'glorot-gradient-variance.dat' index 5 using 1:2 with points pointtype 7 pointsize 0.6 linecolor rgb '#2ca02c' title 'paper, normalized'
