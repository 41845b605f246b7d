# edge-of-stability.gp — written by GradientLab. Edit and re-render with: gnuplot edge-of-stability.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'edge-of-stability.png'
set title 'Sharpness under full-batch GD: η and η/2'
set xlabel 'GD step'
set ylabel 'top Hessian eigenvalue'
set grid
set key outside right top
plot 'edge-of-stability.dat' index 0 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#1f77b4' title 'sharpness, η = 0.1154', \
     'edge-of-stability.dat' index 1 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#1f77b4' title '2/η', \
     'edge-of-stability.dat' index 2 using 1:2 with linespoints pointtype 7 pointsize 0.5 linewidth 2 linecolor rgb '#d62728' title 'sharpness, η/2', \
     'edge-of-stability.dat' index 3 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#d62728' title '2/(η/2)'
