import json,subprocess,sys,statistics,unicodedata
idx=sys.argv[1]; bins={'base':'/tmp/base-bin/vitext-bench','lang2':'/tmp/lang2-bin/vitext-bench'}
qs=json.load(open('/work/shared/tools/queries-vi.json'))
P={}
for n,b in bins.items():
    p=subprocess.Popen(['nice','-n','19',b,'engine','serve','--index',idx],stdin=subprocess.PIPE,stdout=subprocess.PIPE,text=True)
    print(n,p.stdout.readline().strip()[:80]); P[n]=p
def ask(p,q):
    mode=q['kind'] if q['kind']!='nodiacritics' else q.get('op','and')
    p.stdin.write(json.dumps({'op':'query','mode':mode,'q':unicodedata.normalize('NFC',q['q']),'k':10})+'\n'); p.stdin.flush()
    return json.loads(p.stdout.readline())
T={n:[] for n in bins}; per={n:{} for n in bins}
for rep in range(12):
    for i,q in enumerate(qs):
        order=['base','lang2'] if (i+rep)%2==0 else ['lang2','base']
        for n in order:
            r=ask(P[n],q)
            if rep>=2:
                T[n].append(r['took_ns']/1000); per[n].setdefault(q['id'],[]).append(r['took_ns']/1000)
def pct(v,p): v=sorted(v); return v[min(len(v)-1,int(len(v)*p))]
for n in bins: print(n,'pooled p50 %.1f us p99 %.1f us'%(statistics.median(T[n]),pct(T[n],0.99)), 'n',len(T[n]))
b50=statistics.median(T['base']); l50=statistics.median(T['lang2'])
print('p50 change %+.1f%%, p99 change %+.1f%%'%(100*(l50/b50-1),100*(pct(T['lang2'],.99)/pct(T['base'],.99)-1)))
worst=sorted(((statistics.median(per['lang2'][k])/statistics.median(per['base'][k]),k) for k in per['base']),reverse=True)[:5]
print('largest per-query p50 ratios', [(k,round(r,2)) for r,k in worst])
for p in P.values(): p.stdin.close(); p.wait()
