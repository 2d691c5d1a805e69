// description: Bulk first load (embedded store only): append every HAS_TASK row from HAS_TASK.csv in the current directory (bench/bench_load.py stages the files)
// params: none
COPY HAS_TASK FROM 'HAS_TASK.csv' (HEADER=false)
