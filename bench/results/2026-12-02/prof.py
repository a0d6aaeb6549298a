import re,collections,sys
txt=open(sys.argv[1]).read()
ev=txt.split('jdk.ExecutionSample')
rows=[]
for e in ev[1:]:
    m=re.search(r'startTime = (\S+)',e); fr=re.findall(r'^\s+(\S+?)\(.*?\)\s+line: (\d+)',e,re.M)
    if m and fr: rows.append((m.group(1),fr[0][0]+':'+fr[0][1], fr[1][0] if len(fr)>1 else ''))
rows.sort()
n=len(rows); late=rows[n//3:]
c=collections.Counter(r[1] for r in late)
print(n, len(late))
for k,v in c.most_common(int(sys.argv[2]) if len(sys.argv)>2 else 25): print(v,k[:150])
