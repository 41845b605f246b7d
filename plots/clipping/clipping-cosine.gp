# clipping-cosine.gp — written by GradientLab. Edit and re-render with: gnuplot clipping-cosine.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'clipping-cosine.png'
set title 'cos(raw gradient, clipped gradient) per step'
set xlabel 'SGD step'
set ylabel 'cosine'
set grid
set key outside right top
plot 'clipping-cosine.dat' index 0 using 1:2 with lines linewidth 2 linecolor rgb '#1f77b4' title 'norm, τ = 0.7911', \
     'clipping-cosine.dat' index 1 using 1:2 with lines linewidth 1 linecolor rgb '#B0d62728' title 'value, c = 0.01522'
