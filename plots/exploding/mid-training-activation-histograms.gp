# mid-training-activation-histograms.gp — written by GradientLab. Edit and re-render with: gnuplot mid-training-activation-histograms.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'mid-training-activation-histograms.png'
set title 'Activations |tanh| of hidden layer 10 over training (warm-up to η = 0.4)'
set xlabel 'SGD step'
set ylabel 'log10 |activation| (half-octave bins)'
set grid
set key outside right top
set cblabel 'log10 share of units'
set palette defined (0 '#313695', 0.25 '#74add1', 0.5 '#ffffbf', 0.75 '#f46d43', 1 '#a50026')
set autoscale xfix; set autoscale yfix
set cbrange [-4.0:0.0]
plot 'mid-training-activation-histograms.dat' index 0 using 1:2:3 with image notitle
