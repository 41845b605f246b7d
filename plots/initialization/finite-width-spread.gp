# finite-width-spread.gp — written by GradientLab. Edit and re-render with: gnuplot finite-width-spread.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,10'
set output 'finite-width-spread.png'
set title 'He init, ReLU, width 128: ‖g_l‖/‖g_L‖ for many seeds'
set xlabel 'hidden layer l (d = L − l layers below the top)'
set ylabel '‖∂L/∂h_l‖ / ‖∂L/∂h_L‖'
set grid
set key outside right top
set logscale y; set format y '10^{%L}'
plot 'finite-width-spread.dat' index 0 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' title 'one network each (60 of 200)', \
     'finite-width-spread.dat' index 1 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 2 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 3 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 4 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 5 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 6 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 7 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 8 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 9 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 10 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 11 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 12 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 13 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 14 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 15 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 16 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 17 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 18 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 19 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 20 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 21 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 22 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 23 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 24 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 25 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 26 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 27 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 28 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 29 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 30 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 31 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 32 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 33 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 34 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 35 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 36 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 37 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 38 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 39 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 40 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 41 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 42 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 43 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 44 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 45 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 46 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 47 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 48 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 49 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 50 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 51 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 52 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 53 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 54 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 55 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 56 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 57 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 58 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 59 using 1:2 with lines linewidth 1 linecolor rgb '#B017becf' notitle, \
     'finite-width-spread.dat' index 60 using 1:2 with lines linewidth 2 linecolor rgb '#1f77b4' title 'geometric mean over 200', \
     'finite-width-spread.dat' index 61 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#d62728' title 'theory exp(−5d/4n)', \
     'finite-width-spread.dat' index 62 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#2ca02c' title 'theory ±2σ band', \
     'finite-width-spread.dat' index 63 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#2ca02c' notitle
