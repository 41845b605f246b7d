# slow-steps.gp — written by GradientLab. Edit and re-render with: gnuplot slow-steps.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'slow-steps.png'
set title 'Steps to the same loss against the step size'
set xlabel 'η / (2/λ_{max})'
set ylabel 'full-batch GD steps'
set grid
set key outside right top
set logscale x
set logscale y; set format y '10^{%L}'
plot 'slow-steps.dat' index 0 using 1:2 with points pointtype 7 pointsize 0.6 linecolor rgb '#1f77b4' title 'measured', \
     'slow-steps.dat' index 1 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#d62728' title 'predicted from the spectrum of A'
