# mid-training-heatmap-smaller-step.gp — written by GradientLab. Edit and re-render with: gnuplot mid-training-heatmap-smaller-step.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'mid-training-heatmap-smaller-step.png'
set title 'log10 ‖∂L/∂W_l‖ by layer and step: peak η = 0.1'
set xlabel 'SGD step'
set ylabel 'hidden layer l'
set grid
set key outside right top
set cblabel 'log10 ‖∂L/∂W_l‖'
set palette defined (0 '#313695', 0.25 '#74add1', 0.5 '#ffffbf', 0.75 '#f46d43', 1 '#a50026')
set autoscale xfix; set autoscale yfix
set cbrange [-11.1774222607873:34.43421164884481]
plot 'mid-training-heatmap-smaller-step.dat' index 0 using 1:2:3 with image notitle
