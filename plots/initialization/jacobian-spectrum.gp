# jacobian-spectrum.gp — written by GradientLab. Edit and re-render with: gnuplot jacobian-spectrum.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'jacobian-spectrum.png'
set title 'Squared singular values of W_5⋯W_1 (N = 400)'
set xlabel 'squared singular value s²'
set ylabel 'density'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
set arrow 1 from 14.929920000000013, graph 0 to 14.929920000000013, graph 1 nohead dashtype 3 linewidth 2 linecolor rgb '#444444'
set label 1 'edge 14.93' at 14.929920000000013, graph 0.95 left offset 0.5,0 textcolor rgb '#444444' noenhanced
plot 'jacobian-spectrum.dat' index 0 using 1:2 with steps linewidth 2 linecolor rgb '#d62728' title 'Gaussian', \
     'jacobian-spectrum.dat' index 1 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#d62728' title 'Fuss–Catalan, L = 5', \
     'jacobian-spectrum.dat' index 2 using 1:2 with lines linewidth 2 linecolor rgb '#1f77b4' title 'orthogonal (every s² = 1)'
