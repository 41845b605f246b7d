# glorot-jacobian-singular-values.gp — written by GradientLab. Edit and re-render with: gnuplot glorot-jacobian-singular-values.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'glorot-jacobian-singular-values.png'
set title 'Singular values of the layer Jacobians J_l'
set xlabel 'singular value'
set ylabel 'density'
set grid
set key outside right top
plot 'glorot-jacobian-singular-values.dat' index 0 using 1:2 with steps linewidth 2 linecolor rgb '#d62728' title 'standard', \
     'glorot-jacobian-singular-values.dat' index 1 using 1:2 with steps linewidth 2 linecolor rgb '#1f77b4' title 'normalized (Xavier)'
