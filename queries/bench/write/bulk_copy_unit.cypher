// description: Bulk first load (embedded store only): append every Unit row from Unit.csv in the current directory (bench/bench_load.py stages the files)
// params: none
COPY Unit FROM 'Unit.csv' (HEADER=false)
