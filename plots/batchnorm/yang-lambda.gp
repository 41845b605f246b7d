# yang-lambda.gp — written by GradientLab. Edit and re-render with: gnuplot yang-lambda.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'yang-lambda.png'
set title 'Gradient growth per layer at init vs batch size'
set xlabel 'batch size B'
set ylabel 'λ (squared-norm growth per layer)'
set grid
set key outside right top
set logscale x
plot 'yang-lambda.dat' index 0 using 1:2 with points pointtype 7 pointsize 0.6 linecolor rgb '#d62728' title 'ReLU measured', \
     'yang-lambda.dat' index 1 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#d62728' title 'ReLU, Theorem 8', \
     'yang-lambda.dat' index 2 using 1:2 with points pointtype 7 pointsize 0.6 linecolor rgb '#1f77b4' title 'linear measured', \
     'yang-lambda.dat' index 3 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#1f77b4' title 'linear, (B−2)/(B−3)', \
     'yang-lambda.dat' index 4 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#17becf' title 'π/(π−1)'
