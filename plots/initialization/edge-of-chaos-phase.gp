# edge-of-chaos-phase.gp — written by GradientLab. Edit and re-render with: gnuplot edge-of-chaos-phase.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'edge-of-chaos-phase.png'
set title 'tanh phase diagram: log10 of the gradient growth over 50 layers, χ₁^(L/2)'
set xlabel 'σ_w²'
set ylabel 'σ_b²'
set grid
set key outside right top
set cblabel 'log10 χ₁^(L/2)'
set palette defined (0 '#313695', 0.25 '#74add1', 0.5 '#ffffbf', 0.75 '#f46d43', 1 '#a50026')
set autoscale xfix; set autoscale yfix
set cbrange [-6.0:6.0]
set key outside right bottom
plot 'edge-of-chaos-phase.dat' index 0 using 1:2:3 with image notitle, \
     'edge-of-chaos-phase.dat' index 1 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#17becf' title 'edge of chaos χ₁ = 1', \
     'edge-of-chaos-phase.dat' index 2 using 1:2 with points pointtype 7 pointsize 0.6 linecolor rgb '#d62728' title 'measured nets'
