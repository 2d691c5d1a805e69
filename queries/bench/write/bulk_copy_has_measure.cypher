// description: Bulk first load (embedded store only): append every HAS_MEASURE row from HAS_MEASURE.csv in the current directory (bench/bench_load.py stages the files)
// params: none
COPY HAS_MEASURE FROM 'HAS_MEASURE.csv' (HEADER=false)
