# fix-heatmap-with-batch-norm.gp — written by GradientLab. Edit and re-render with: gnuplot fix-heatmap-with-batch-norm.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'fix-heatmap-with-batch-norm.png'
set title 'log10 ‖∂L/∂W_l‖ by layer and step: with batch norm'
set xlabel 'SGD step'
set ylabel 'hidden layer l'
set grid
set key outside right top
set cblabel 'log10 ‖∂L/∂W_l‖'
set palette defined (0 '#313695', 0.25 '#74add1', 0.5 '#ffffbf', 0.75 '#f46d43', 1 '#a50026')
set autoscale xfix; set autoscale yfix
set cbrange [-1.4688510492721862:10.909999097702439]
plot 'fix-heatmap-with-batch-norm.dat' index 0 using 1:2:3 with image notitle
