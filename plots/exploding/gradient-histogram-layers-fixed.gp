# gradient-histogram-layers-fixed.gp — written by GradientLab. Edit and re-render with: gnuplot gradient-histogram-layers-fixed.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'gradient-histogram-layers-fixed.png'
set title 'he: |∂L/∂h| of every hidden layer at step 0'
set xlabel 'log10 |∂L/∂h|'
set ylabel 'hidden layer'
set grid
set key outside right top
set cblabel 'log10 share of units'
set palette defined (0 '#313695', 0.25 '#74add1', 0.5 '#ffffbf', 0.75 '#f46d43', 1 '#a50026')
set autoscale xfix; set autoscale yfix
set cbrange [-4.0:0.0]
plot 'gradient-histogram-layers-fixed.dat' index 0 using 1:2:3 with image notitle
