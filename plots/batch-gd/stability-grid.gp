# stability-grid.gp — written by GradientLab. Edit and re-render with: gnuplot stability-grid.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'stability-grid.png'
set title 'Converged or diverged, by batch size and step size'
set xlabel 'batch size'
set ylabel 'η / (2/λ_{max})'
set grid
set key outside right top
set logscale x
plot 'stability-grid.dat' index 0 using 1:2 with points pointtype 7 pointsize 0.6 linecolor rgb '#2ca02c' title 'converged', \
     'stability-grid.dat' index 1 using 1:2 with points pointtype 7 pointsize 0.6 linecolor rgb '#d62728' title 'diverged', \
     'stability-grid.dat' index 2 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#17becf' title 'η = 2/λ_{max}'
