# threshold-top-mode.gp — written by GradientLab. Edit and re-render with: gnuplot threshold-top-mode.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'threshold-top-mode.png'
set title 'Digits least squares: error along the top eigenvector'
set xlabel 'GD step'
set ylabel '|c_t|'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
plot 'threshold-top-mode.dat' index 0 using 1:2 with lines linewidth 2 linecolor rgb '#1f77b4' title 'η = 0.95·2/λ_{max}', \
     'threshold-top-mode.dat' index 1 using 1:2 with lines linewidth 2 linecolor rgb '#d62728' title 'η = 1.05·2/λ_{max}', \
     'threshold-top-mode.dat' index 2 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#1f77b4' notitle, \
     'threshold-top-mode.dat' index 3 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#d62728' notitle
