# he-gradient-at-init.gp — written by GradientLab. Edit and re-render with: gnuplot he-gradient-at-init.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'he-gradient-at-init.png'
set title 'Why: gradient norm by layer at step 0'
set xlabel 'hidden layer l'
set ylabel '‖∂L/∂h_l‖'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
plot 'he-gradient-at-init.dat' index 0 using 1:2 with lines linewidth 2 linecolor rgb '#1f77b4' title 'Xavier', \
     'he-gradient-at-init.dat' index 1 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#1f77b4' notitle, \
     'he-gradient-at-init.dat' index 2 using 1:2 with lines linewidth 2 linecolor rgb '#d62728' title 'He', \
     'he-gradient-at-init.dat' index 3 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#d62728' notitle
