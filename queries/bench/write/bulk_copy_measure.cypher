// description: Bulk first load (embedded store only): append every Measure row from Measure.csv in the current directory (bench/bench_load.py stages the files)
// params: none
COPY Measure FROM 'Measure.csv' (HEADER=false)
