"""Table-driven grading tests: every rule of the grading issue, over all card kinds."""

import pytest

from dockquiz.grading import grade
from dockquiz.grading.grammar import grammar

C = "command"
# (expected, typed, verdict)
COMMAND_CASES = [
    # exact and placeholders
    ("docker pull ${IMAGE_NAME}", "docker pull nginx", "exact"),
    ("docker pull ${IMAGE_NAME}", "docker pull ${IMAGE_NAME}", "exact"),
    ("docker pull <image>", "docker pull ubuntu:22.04", "exact"),
    ("docker rmi [イメージID]", "docker rmi 52849ea557ed", "exact"),
    ("docker pull {{image}}", "docker pull redis", "exact"),
    ("docker stop ${CONTAINER_ID}", "docker stop web", "exact"),
    ("docker run -v ${HOST_DIR}:${CONTAINER_DIR} ubuntu", "docker run -v $PWD:/ws ubuntu", "exact"),
    ("docker run -v ${HOST_DIR}:${CONTAINER_DIR} ubuntu", "docker run -v /ws ubuntu", "partial"),
    ("docker logs <container name>", "docker logs web", "exact"),
    ("docker images", "docker images", "exact"),
    # normalisation of what was typed
    ("docker pull ${IMAGE_NAME}", "ｄｏｃｋｅｒ　ｐｕｌｌ　ｎｇｉｎｘ", "exact"),
    ("docker run --rm nginx", "docker run ーーrm nginx", "exact"),
    ("docker run --rm nginx", "docker run ——rm nginx".replace("——", "—"), "exact"),
    ("docker run --rm nginx", "docker run −−rm nginx", "exact"),
    # what Markdown, an IME or autocorrect makes of "--": an en dash reads as an em dash does
    ("docker run --rm nginx", "docker run –rm nginx", "exact"),
    ("docker build --no-cache .", "docker build –no-cache .", "exact"),
    ("docker run -d nginx", "docker run –d nginx", "exact"),
    ("docker run -d nginx", "docker run —d nginx", "exact"),
    ("docker run --rm nginx", "docker run ——rm nginx", "exact"),
    ("docker run -d nginx", "docker run ｰd nginx", "exact"),
    ("docker run --rm nginx", "   docker    run   --rm   nginx  ", "exact"),
    ("docker pull nginx", "$ docker pull nginx", "exact"),
    ("docker pull nginx", "sudo docker pull nginx", "exact"),
    ("docker ps", "sudo -u root docker ps", "exact"),  # sudo's own options, with their values
    ("sudo -Eu deploy docker compose up -d", "docker compose up -d", "exact"),
    ("docker ps", "sudo --user=root -- docker ps", "exact"),
    ("docker ps", "sudo -u docker ps", "wrong"),  # -u takes docker: the line runs `ps`
    ("docker pull nginx", "docker pull nginx\x07", "exact"),
    ('docker run -e "MSG=hi there" ubuntu', "docker run -e “MSG=hi there” ubuntu", "exact"),
    # aliases
    ("docker run nginx", "docker container run nginx", "equivalent"),
    ("docker images", "docker image ls", "equivalent"),
    ("docker images", "docker image list", "equivalent"),
    ("docker rmi ${IMAGE}", "docker image rm abc", "equivalent"),
    ("docker rmi ${IMAGE}", "docker image remove abc", "equivalent"),
    ("docker ps", "docker container ls", "equivalent"),
    ("docker ps -a", "docker container list --all", "equivalent"),
    ("docker-compose up -d", "docker compose up -d", "equivalent"),
    ("docker compose ps", "docker-compose ps", "equivalent"),
    ("docker build -t app .", "docker image build -t app .", "equivalent"),
    ("docker exec -it ${CONTAINER_ID} /bin/sh", "docker container exec -ti abc /bin/sh", "equivalent"),
    # bundles, attached values, = forms, long/short
    ("docker run -it ubuntu", "docker run -ti ubuntu", "equivalent"),
    ("docker run -it ubuntu", "docker run -i -t ubuntu", "equivalent"),
    ("docker run -i -t ubuntu", "docker run -it ubuntu", "equivalent"),
    ("docker run -dit ubuntu", "docker run -t -d -i ubuntu", "equivalent"),
    ("docker run -d -p 8080:80 nginx", "docker run -dp 8080:80 nginx", "equivalent"),
    ("docker run -dp 8080:80 nginx", "docker run -pd 8080:80 nginx", "partial"),
    ("docker run -p 8080:80 nginx", "docker run -p8080:80 nginx", "equivalent"),
    ("docker run -p 8080:80 nginx", "docker run -p=8080:80 nginx", "equivalent"),
    ("docker run --name web nginx", "docker run --name=web nginx", "equivalent"),
    ("docker run -d nginx", "docker run --detach nginx", "equivalent"),
    ("docker run -d nginx", "docker run --detach=true nginx", "equivalent"),
    ("docker run --rm nginx", "docker run --rm=true nginx", "equivalent"),
    ("docker run nginx", "docker run --rm=false nginx", "equivalent"),
    ("docker run --rm nginx", "docker run --rm=false nginx", "partial"),
    ("docker run -v /a:/b nginx", "docker run --volume /a:/b nginx", "equivalent"),
    ("docker run -e A=1 nginx", "docker run --env=A=1 nginx", "equivalent"),
    ("docker build -t app .", "docker build --tag app .", "equivalent"),
    ("docker ps -a", "docker ps --all", "equivalent"),
    ("docker ps -aq", "docker ps -q -a", "equivalent"),
    ("docker run -d -- ubuntu ls", "docker run -d ubuntu ls", "equivalent"),
    # order: options free, positionals ordered
    ("docker run -it --rm --name ${NAME} -p 8080:80 nginx", "docker run --rm -ti --name=web -p8080:80 nginx", "equivalent"),
    ("docker run --rm -d nginx", "docker run -d --rm nginx", "equivalent"),
    ("docker build ./ -t ${IMAGE_NAME}", "docker build -t img .", "equivalent"),
    ("docker build . -t img", "docker build -t img .", "equivalent"),
    ("docker stop web -t 5", "docker stop -t 5 web", "equivalent"),
    ("docker rmi a -f", "docker rmi -f a", "equivalent"),
    ("docker cp web:/a /b", "docker cp /b web:/a", "wrong"),
    ("docker tag src dst", "docker tag dst src", "wrong"),
    # repeatable options are multisets
    ("docker run -v a:/a -v b:/b nginx", "docker run -v b:/b -v a:/a nginx", "equivalent"),
    ("docker run -e A=1 -e B=2 nginx", "docker run -e B=2 -e A=1 nginx", "equivalent"),
    ("docker run -v a:/a -v b:/b nginx", "docker run -v a:/a nginx", "partial"),
    ("docker run -p 80:80 -p 443:443 nginx", "docker run -p 443:443 -p 80:80 nginx", "equivalent"),
    # flags after the image belong to the container
    ("docker run -d nginx", "docker run nginx -d", "wrong"),
    ("docker run --rm -it ubuntu bash", "docker run ubuntu bash --rm -it", "wrong"),
    ("docker exec -it web bash", "docker exec web -it bash", "wrong"),
    ("docker run ubuntu ls -l", "docker run ubuntu ls -l", "exact"),
    ("docker compose run --rm web bash", "docker compose run web --rm bash", "wrong"),
    ("docker compose up -d web", "docker compose up web -d", "equivalent"),
    # global flags only before the subcommand
    ("docker -H tcp://x ps", "docker -H tcp://x ps", "exact"),
    ("docker -H tcp://x ps", "docker --host=tcp://x ps", "equivalent"),
    ("docker -H tcp://x ps", "docker ps -H tcp://x", "wrong"),
    ("docker compose -f a.yml up", "docker compose up -f a.yml", "wrong"),
    ("docker compose -f a.yml up -d", "docker-compose --file a.yml up --detach", "equivalent"),
    # the same letter means different things per command
    ("docker build -t app .", "docker build --tty app .", "invalid"),
    ("docker run -t ubuntu", "docker run --tty ubuntu", "equivalent"),
    ("docker stop -t 5 web", "docker stop --timeout 5 web", "equivalent"),
    # image references and build contexts
    ("docker run nginx", "docker run nginx:latest", "equivalent"),
    ("docker pull nginx", "docker pull docker.io/library/nginx", "equivalent"),
    ("docker pull nginx:1.25", "docker pull nginx", "partial"),
    ("docker pull nginx:1.25", "docker pull nginx:1.24", "partial"),
    # host and container ports swapped: the same digits, other numbers — another mapping, no typo
    ("docker run -p 8080:80 nginx", "docker run -p 80:8080 nginx", "partial"),
    ("docker build -t app ./", "docker build -t app .", "equivalent"),
    ("docker build -t app:latest .", "docker build -t app .", "equivalent"),
    # typos: near misses that are not themselves valid
    ("docker pull ${IMAGE_NAME}", "docker pul nginx", "typo"),
    ("docker images", "docker imgaes", "typo"),
    ("docker run --name web nginx", "docker run --nmae web nginx", "typo"),
    ("docker run --rm nginx", "docker run --rn nginx", "typo"),
    ("docker ps", "dokcer ps", "typo"),
    ("docker run -it pytorch/pytorch", "docker run -it pytorh/pytorch", "typo"),
    ("docker-compose up -d", "docker-compose pu -d", "typo"),
    # wrong: valid tokens that mean something else
    ("docker run -p 8080:80 nginx", "docker run -P 8080:80 nginx", "wrong"),
    ("docker rmi [イメージID]", "docker rm abc", "wrong"),
    ("docker rm web", "docker rmi web", "wrong"),
    ("docker ps", "docker images", "wrong"),
    ("docker pull nginx", "docker push nginx", "wrong"),
    ("docker pull nginx", "podman pull nginx", "wrong"),
    ("docker stop web", "docker start web", "wrong"),
    ("docker compose up", "docker compose down", "wrong"),
    # partial: right command, something missing or extra
    ("docker run -it --rm ubuntu", "docker run -it ubuntu", "partial"),
    ("docker run ubuntu", "docker run --rm ubuntu", "partial"),
    ("docker pull ${IMAGE}", "docker pull", "partial"),
    (
        "docker run -it --rm --name pytorch_container pytorch/pytorch /bin/bash",
        "docker run -it --rm --name pytorch_container pytorch/pytorch",
        "partial",
    ),
    ("docker exec -it ${CONTAINER_ID} /bin/sh", "docker exec -it abc sh", "partial"),
    # invalid: the CLI would refuse it
    ("docker run nginx", "docker run --foo nginx", "invalid"),
    ("docker ps", "docker ps -z", "invalid"),
    ("docker run --name web nginx", "docker run nginx --name", "wrong"),
    ("docker pull nginx", "docker pull 'nginx", "invalid"),
    ("docker pull nginx", 'docker pull "nginx', "invalid"),
    ("docker run --rm nginx", "docker run --rm=maybe nginx", "invalid"),
    # empty
    ("docker ps", "", "empty"),
    ("docker ps", "   ", "empty"),
    ("docker ps", "\u3000", "empty"),
    # several commands
    ("docker ps && docker images", "docker ps && docker images", "exact"),
    ("docker ps && docker images", "docker container ls && docker image ls", "equivalent"),
    ("docker ps && docker images", "docker ps", "partial"),
    ("docker ps && docker images", "docker images && docker ps", "wrong"),
    ("docker ps", "docker ps && docker images", "wrong"),
    ("docker ps | grep web", "docker ps | grep web", "exact"),
    ("docker stop web; docker rm web", "docker stop web ; docker rm web", "exact"),
    # [OPTIONS] in the expected form allows any options
    ("docker run [OPTIONS] ${IMAGE}", "docker run -d --rm nginx", "equivalent"),
    # kubectl, gcloud, git: grammars generated from their own help
    ("kubectl get pods", "kubectl get pods", "exact"),
    ("kubectl get pods -n ${NS}", "kubectl get -n default pods", "equivalent"),
    ("kubectl get pods -n kube-system", "kubectl get pods -n default", "partial"),
    ("gcloud container clusters create c --num-nodes=3", "gcloud container clusters create c --num-nodes 3", "equivalent"),
    ('git commit -m "first commit"', "git commit -m 'first commit'", "exact"),
    ('git commit -m "first commit"', "git commit -m first commit", "partial"),
    ("kubectl get pods", "kubectl get pod", "equivalent"),  # kubectl reads pod = pods = po
    ("kubectl get pods", "kubectl get po", "equivalent"),
    ("kubectl get pods -n kube-system", "kubectl get pods --namespace=kube-system", "equivalent"),
    ("kubectl get pods -n kube-system", "kubectl -n kube-system get pods", "equivalent"),
    ("kubectl apply -f f.yaml", "kubectl apply --filename f.yaml", "equivalent"),
    ("kubectl logs -f web", "kubectl logs --follow web", "equivalent"),
    # another kind of thing is another command, not a value to fix ("close enough" is not offered)
    ("kubectl get pods", "kubectl get services", "wrong"),
    ("kubectl describe pod web", "kubectl describe svc web", "wrong"),
    ("kubectl describe pod web", "kubectl describe pod/api", "partial"),  # the name is a value
    # kubectl 1.32 refuses exec's command without `--`, placeholders or not
    ("kubectl exec -it ${POD_NAME} -- /bin/bash", "kubectl exec -it mypod /bin/bash", "invalid"),
    # kubectl reads object references by the API's discovery facts (decided by kubectl itself:
    # tests/test_kubectl_judge.py)
    ("kubectl get pods", "kubectl get Pod", "equivalent"),
    ("kubectl get deployments", "kubectl get deployments.apps", "equivalent"),
    ("kubectl get deploy web", "kubectl get deployment.v1.apps/web", "equivalent"),
    ("kubectl get pod web", "kubectl get po/web", "equivalent"),
    ("kubectl delete pod,svc a b", "kubectl delete pod/a pod/b svc/a svc/b", "equivalent"),
    ("kubectl get pod,svc", "kubectl get svc,pod", "wrong"),
    ("kubectl scale --replicas=3 rs/foo", "kubectl scale rs foo --replicas 3", "equivalent"),
    ("kubectl label pods web app=x", "kubectl label pod/web app=x", "equivalent"),
    ("kubectl taint nodes n1 k=v:NoSchedule", "kubectl taint no n1 k=v:NoSchedule", "equivalent"),
    ("kubectl taint nodes n1 k-", "kubectl taint node/n1 k-", "typo"),  # taint takes no TYPE/NAME
    ("kubectl taint nodes n1 k-", "kubectl taint nodes/n1 k-", "typo"),  # not even with the type's own spelling
    ("kubectl logs web", "kubectl logs pod/web", "equivalent"),
    ("kubectl logs web", "kubectl logs deploy/web", "partial"),
    ("kubectl exec -it web -- sh", "kubectl exec -ti pods/web -- sh", "equivalent"),
    ("kubectl exec web -- ls", "kubectl exec web ls", "invalid"),  # 1.32 refuses a command without --
    ("kubectl run web --image=nginx -- sh", "kubectl run web --image=nginx sh", "equivalent"),
    ("kubectl create deployment web --image=nginx", "kubectl create deploy web --image nginx", "equivalent"),
    ("kubectl create namespace dev", "kubectl create ns dev", "equivalent"),
    ("kubectl config use-context prod", "kubectl config use prod", "equivalent"),
    ("kubectl config set-context dev --user=admin", "kubectl --user=admin config set-context dev", "equivalent"),
    ("kubectl config set-context --current --namespace=dev", "kubectl config set-context --current -n dev", "partial"),
    ("kubectl create deployment web --image=nginx", "kubectl --image nginx create deployment web", "equivalent"),
    ("kubectl get pods --show-labels", "kubectl --show-labels get pods", "wrong"),  # read as a plugin's name
    ("kubectl get pods --no-headers", "kubectl get pods --no-headers true", "partial"),  # a pod named true
    ("kubectl api-resources", "kubectl api-resources --namespaced=false", "partial"),  # on by default
    ("kubectl create ns x --dry-run=client", "kubectl create ns x --dry-run client", "partial"),  # a value only when attached
    ("kubectl delete pod x --cascade=orphan", "kubectl delete pod x --cascade orphan", "partial"),
    ("kubectl create ns x --dry-run", "kubectl create ns x --dry-run=unchanged", "equivalent"),  # its value typed bare
    ("kubectl create ns x --dry-run", "kubectl create ns x --dry-run=client", "partial"),
    # cobra looks past flags for the next word of the path, also after a word that is a command
    # itself (`kubectl create -f`), and a flag it does not know there takes the next word
    ("kubectl create deployment web --image=nginx -n x", "kubectl create -n x deployment web --image=nginx", "equivalent"),
    ("kubectl create deployment web --image=nginx", "kubectl create --image nginx deployment web", "equivalent"),
    ("kubectl create deployment web --image=nginx", "kubectl create -f x deployment web --image=nginx", "invalid"),
    ("kubectl exec -it web -- sh", "kubectl -i -t exec web -- sh", "equivalent"),
    ("kubectl get pods -w", "kubectl -w get pods", "wrong"),  # -w takes `get` as its value
    # a value's kind is its own program's: kubectl sends --image as typed, docker's client normalises it
    ("kubectl run web --image=nginx", "kubectl run web --image=nginx:latest", "partial"),
    ("docker run nginx", "docker run nginx:latest", "equivalent"),
    ("nvidia-docker run nginx", "nvidia-docker run nginx:latest", "equivalent"),  # a clone's kinds are docker's
    # docker/cli's service create reads no option after the image, as run does (SetInterspersed(false))
    ("docker service create --name web nginx", "docker service create nginx --name web", "wrong"),
    ("docker service create --name web nginx", "docker service create --name=web nginx", "equivalent"),
    # docker's sizes as its client reads them (go-units: binary units in any case, b or ib after)
    ("docker run -m 512m nginx", "docker run --memory 512M nginx", "equivalent"),
    ("docker run -m 512m nginx", "docker run -m 536870912 nginx", "equivalent"),
    ("docker run -m 1g nginx", "docker run -m 1024MiB nginx", "equivalent"),
    ("docker run -m 1g nginx", "docker run -m 1000m nginx", "partial"),
    ("docker run --shm-size 2g nginx", "docker run --shm-size=2GB nginx", "equivalent"),
    ("git status -u", "git status -uall", "equivalent"),  # git.toml's `bare`: -u alone is -uall
    ("git status -u", "git status -unormal", "partial"),
    ("git status -uno", "git status -u no", "partial"),  # a value only when attached
    ("git branch -vv", "git branch -v -v", "equivalent"),  # -v counts
    ("git branch -vv", "git branch -v", "partial"),
    ("git commit -m x", "git commit --message x", "equivalent"),
    ("git commit -a --fixup=HEAD~3", "git commit -a --fixup=@~3", "equivalent"),  # a revision, named [(amend|reword):]commit
    ("git commit -m x", "git commit --message=x", "equivalent"),
    ("git switch -c b", "git switch --create b", "equivalent"),
    ("git switch -c b", "git switch -C b", "wrong"),
    # git checkout X = git switch X when X has a branch name's shape (git.toml's [[same]])
    ("git checkout main", "git switch main", "equivalent"),
    ("git switch feature/login", "git checkout feature/login", "equivalent"),
    ("git checkout -", "git switch -", "equivalent"),
    ("git checkout .", "git switch .", "wrong"),
    ("git checkout app.py", "git switch app.py", "wrong"),
    ("git checkout v2.0.0", "git switch v2.0.0", "wrong"),
    ("git checkout origin/main", "git switch origin/main", "wrong"),
    ("git checkout 3f2a9c1", "git switch 3f2a9c1", "wrong"),
    ("git checkout Makefile", "git switch Makefile", "wrong"),
    ("git checkout -- main", "git switch main", "wrong"),
    ("git checkout main app.py", "git switch main app.py", "wrong"),
    ("git push -u origin main", "git push --set-upstream origin main", "equivalent"),
    ("kubectl get pods", "kubeclt get pods", "typo"),
    ("kubectl get pods", "helm list", "wrong"),
    ("psql -U postgres -d app", "psql -d app -U postgres", "equivalent"),
    ("ls -la", "ls -al", "equivalent"),
    # a bundle of two or three letters is getopt's short options: one left out is missing, not a typo
    ("rsync -av src/ dst/", "rsync -a src/ dst/", "partial"),
    ("tar -xzf x.tgz", "tar -xf x.tgz", "partial"),
    ("ps -ef", "ps -e", "partial"),
    ("tar -xzf x.tgz", "tar -zxf x.tgz", "equivalent"),
    ("find . -name x", "find . -iname x", "typo"),  # a longer single-dash word stays a word
    ("sbatch --gres=gpu:1 job.sh", "sbatch --gres gpu:1 job.sh", "equivalent"),
    ("nvidia-docker run -it nvidia/cuda nvidia-smi", "nvidia-docker run -ti nvidia/cuda nvidia-smi", "equivalent"),
    ("nvidia-docker run nvidia/cuda", "docker run nvidia/cuda", "wrong"),
    # k: the alias kubectl users set, read with kubectl's grammar
    ("k get pods --all-namespaces", "k get pods -A", "equivalent"),
    ("k logs web -f", "k logs -f web", "equivalent"),
    ("k get pods", "k delete pods", "wrong"),
    # … and is kubectl: either word for the other is the same command (a learner whose notes
    # say `k get pods` and who types `kubectl get po` typed what the notes mean)
    ("k get pods -n dev", "kubectl get po -n dev", "equivalent"),
    ("kubectl get pods -n dev", "k get po --namespace=dev", "equivalent"),
    ("k get pods -n dev", "kubectl -n dev get pods", "equivalent"),
    ("k get pods -n dev", "kubectl get pods", "partial"),
]


@pytest.mark.parametrize("expected,typed,verdict", COMMAND_CASES)
def test_command(expected, typed, verdict):
    result = grade(expected, typed)
    assert result.verdict == verdict, (expected, typed, result.to_dict())
    assert result.correct == (verdict in ("exact", "equivalent"))


# (expected, typed, command, verdict)
OPTION_CASES = [
    ("-d", "-d", "docker run", "exact"),
    ("-d", "--detach", "docker run", "equivalent"),
    ("--rm", "--rm", "docker run", "exact"),
    ("--name", "--name", "docker run", "exact"),
    ("--name", "--nmae", "docker run", "typo"),
    ("-p", "-P", "docker run", "wrong"),
    ("-t", "--tty", "docker run", "equivalent"),
    ("-t", "--tag", "docker build", "equivalent"),
    ("-t", "--tty", "docker build", "invalid"),
    ("-v ${HOST}:${CONTAINER}", "-v", "docker run", "equivalent"),
    ("-v ${HOST}:${CONTAINER}", "--volume /a:/b", "docker run", "equivalent"),
    ("-v ${HOST}:${CONTAINER}", "-v /a", "docker run", "wrong"),
    ("-d", "docker run -d", "docker run", "equivalent"),
    ("-d", "-d", "docker-compose up", "exact"),
    ("-d", "--detach", "docker-compose up", "equivalent"),
    ("--rm", "--rm", "docker-compose run", "exact"),
    ("-i", "-t", "docker run", "wrong"),
    ("-d", "", "docker run", "empty"),
    ("--num-nodes", "--num-nodes", "gcloud container clusters create", "exact"),
    ("--num-nodes", "--num-node", "gcloud container clusters create", "typo"),
    ("--all-namespaces", "-A", "kubectl get", "equivalent"),  # kubectl get --help: -A, --all-namespaces
    # words typed after the option are what the command would run on, not the option (a new
    # user's `-i foo bar` was ✓ while `-it` was △): more than asked, as a flag more is
    ("-i", "-i foo bar", "docker run", "partial"),
    ("-i", "-i nginx", "docker run", "partial"),
    ("-i", "docker run -i nginx", "docker run", "partial"),
    ("-i", "docker run -i", "docker run", "equivalent"),
    ("-i", "-it", "docker run", "partial"),
    ("-f", "-f web", "docker logs", "partial"),
    ("--oneline", "--oneline HEAD", "git log", "partial"),
    ("--since ${TIME}", "--since 10m", "docker logs", "equivalent"),  # the option's value is the option
    ("-n ${NS}", "-n dev", "kubectl get", "equivalent"),
    ("-i", "-i foo", "ssh", "partial"),  # no grammar: the same already
    # an option is what the program reads it as: git branch's help gives -D as --delete --force
    # and -M as --move --force, so the card's flag stands for both and either spelling of both
    # answers it (a new user: `-D` was "extra: -D" while `--delete` was right)
    ("-D", "-D", "git branch", "exact"),
    ("-D", "git branch -D", "git branch", "equivalent"),
    ("-D", "-d -f", "git branch", "equivalent"),
    ("-D", "--force --delete", "git branch", "equivalent"),
    ("-D", "-df", "git branch", "equivalent"),
    ("-D", "--delete", "git branch", "partial"),  # deletes, does not force
    ("-D", "-d", "git branch", "partial"),
    ("-D", "-M", "git branch", "wrong"),
    ("-D", "-D -q", "git branch", "partial"),
    ("-D", "-D topic", "git branch", "partial"),  # a word after the option is still more than asked
    ("-M", "-M", "git branch", "exact"),
    ("-M", "--move -f", "git branch", "equivalent"),
    ("-M", "-m", "git branch", "partial"),
    ("-d", "-D", "git branch", "partial"),  # forces as well
    ("--delete", "-D", "git branch", "partial"),
    ("-d -f", "-D", "git branch", "equivalent"),
    ("-df", "-D", "git branch", "equivalent"),  # a bundle is its letters
    ("-it", "-ti", "docker run", "equivalent"),
    ("-it", "-i -t", "docker run", "equivalent"),
    ("-it", "-i", "docker run", "partial"),
    ("-it", "-p", "docker run", "wrong"),
    ("-3", "-n 3", "git log", "equivalent"),  # git's numeric option is --max-count
    ("-3", "-5", "git log", "wrong"),
    ("--no-ff", "--no-ff", "git merge", "exact"),
    ("--no-ff", "--ff", "git merge", "wrong"),
    # plain flags of the same grammars, short and long, with values
    ("-d", "--delete", "git branch", "equivalent"),
    ("--delete", "-d", "git branch", "equivalent"),
    ("-d", "-d", "git branch", "exact"),
    ("-d", "-m", "git branch", "wrong"),
    ("-m ${MESSAGE}", "--message hello", "git commit", "equivalent"),
    ("--message ${MESSAGE}", "-m hello", "git commit", "equivalent"),
    ("-m ${MESSAGE}", "-am hello", "git commit", "partial"),
    ("-m fix", "-m typo", "git commit", "wrong"),
    ("-n ${NS}", "--namespace=dev", "kubectl get", "equivalent"),
    ("--namespace ${NS}", "-n dev -A", "kubectl get", "partial"),
]


@pytest.mark.parametrize("expected,typed,command,verdict", OPTION_CASES)
def test_option(expected, typed, command, verdict):
    result = grade(expected, typed, kind="option", command=command)
    assert result.verdict == verdict, result.to_dict()


# Flags whose option cards must be right exactly where the same flags on a whole line are
# (command grading reads them as the program does: tests/test_git_judge.py asks git itself)
SAME_AS_LINE = {
    "git branch": ["-d", "-D", "-f", "-m", "-M", "-C", "--delete", "--force", "-q", "-df", "-d -f", "-m -f", "-D -q"],
    "git commit": ["-a", "--all", "-am x", "-m x", "--message=x", "-v"],
    "docker run": ["-d", "-i", "-t", "-it", "-i -t", "--rm", "--detach", "-dit", "-e A=1", "--env=A=1"],
}


@pytest.mark.parametrize("command", SAME_AS_LINE)
def test_an_option_card_is_right_where_the_same_flags_on_a_line_are(command):
    flags = SAME_AS_LINE[command]
    differ = [
        (e, t)
        for e in flags
        for t in flags
        if grade(e, t, kind="option", command=command).correct != grade(f"{command} {e} x", f"{command} {t} x").correct
    ]
    assert differ == []


DOCKERFILE_CASES = [
    ("CMD", "CMD", "exact"),
    ("CMD", "cmd", "equivalent"),
    ("FROM pytorch/pytorch", "FROM pytorch/pytorch", "exact"),
    ("FROM pytorch/pytorch", "from pytorch/pytorch:latest", "equivalent"),
    ("FROM pytorch/pytorch", "FORM pytorch/pytorch", "typo"),
    ("FROM pytorch/pytorch", "FROM ubuntu", "partial"),
    ("ENV PYTHONIOENCODING utf-8", "ENV PYTHONIOENCODING=utf-8", "equivalent"),
    ("ENV NVIDIA_VISIBLE_DEVICES all", "ENV NVIDIA_VISIBLE_DEVICES=all", "equivalent"),
    ("ENV NVIDIA_VISIBLE_DEVICES all", "ENV NVIDIA_VISIBLE_DEVICES none", "partial"),
    ("COPY requirements.txt ${ROOT_DIR}", "COPY requirements.txt /workspace", "exact"),
    ("COPY a b", "ADD a b", "wrong"),
    ("WORKDIR /app", "WORKDIR /app/", "equivalent"),
    ("RUN pip install -r requirements.txt", "RUN pip install -r requirements.txt", "exact"),
    ("RUN apt-get update && apt-get install -y python3", "run apt-get update && apt-get install -y python3", "equivalent"),
    ('CMD ["python", "app.py"]', 'CMD ["python","app.py"]', "equivalent"),
    ('CMD ["python", "app.py"]', "CMD python app.py", "partial"),
    # the Dockerfile reference: EXPOSE's protocol is tcp when not given; ports and volumes are sets
    ("EXPOSE 8000/tcp", "EXPOSE 8000", "equivalent"),
    ("EXPOSE 8000", "expose 8000/tcp", "equivalent"),
    ("EXPOSE 8000", "EXPOSE 8000/udp", "partial"),
    ("EXPOSE 80 443", "EXPOSE 443/tcp 80", "equivalent"),
    ("EXPOSE 8000-8001", "EXPOSE 8000 8001", "equivalent"),
    ("EXPOSE 8000", "EXPOSE 8001", "partial"),
    ('VOLUME ["/data"]', "VOLUME /data", "equivalent"),
    ("VOLUME /data /logs", "VOLUME /logs /data", "equivalent"),
    ("VOLUME /data", "VOLUME /var/data", "partial"),
    ("COPY --chown=app:app --chmod=644 a.txt /srv/", "COPY --chmod=644 --chown=app:app a.txt /srv/", "equivalent"),
    ("COPY --chown=app:app a.txt /srv/", "COPY a.txt /srv/", "partial"),
    ("COPY a b", "COPY b a", "wrong"),
]


@pytest.mark.parametrize("expected,typed,verdict", DOCKERFILE_CASES)
def test_dockerfile(expected, typed, verdict):
    assert grade(expected, typed, kind="dockerfile").verdict == verdict


COMPOSE_CASES = [
    ("container_name", "container_name", "exact"),
    ("container_name", "containr_name", "typo"),
    ("container_name", "Container_name", "typo"),
    ("image", "volumes", "wrong"),
    ("tty: true", "tty", "equivalent"),
    ("tty: true", "tty: false", "partial"),
    ("ports", "ports:", "equivalent"),
]


@pytest.mark.parametrize("expected,typed,verdict", COMPOSE_CASES)
def test_compose(expected, typed, verdict):
    assert grade(expected, typed, kind="compose").verdict == verdict


def test_ratings_follow_verdicts():
    assert grade("docker ps", "docker ps").rating.label == "good"
    assert grade("docker ps", "docker container ls").rating.label == "good"
    assert grade("docker images", "docker imgaes").rating.label == "hard"
    assert grade("docker ps", "docker images").rating.label == "again"


def test_differences_are_structured_and_carry_meaning():
    result = grade("docker run -it --rm --name web nginx", "docker run -it --name db nginx -d")
    kinds = {(d.kind, d.option) for d in result.differences}
    assert ("missing", "--rm") in kinds
    assert ("wrong_value", "--name") in kinds
    missing = next(d for d in result.differences if d.kind == "missing")
    assert missing.meaning and missing.meaning["en"] and missing.meaning["ja"]
    as_dict = result.to_dict()
    assert as_dict["verdict"] == "partial" and as_dict["rating"] == "again"
    assert {"kind", "part", "expected", "typed", "option", "meaning"} <= set(as_dict["differences"][0])


def test_an_option_card_of_a_flag_standing_for_others_says_what_is_left_out_or_more():
    """-D is --delete --force: the part not typed, or typed beyond, is named with its own words;
    a flag typed in place of the card's is said by the card's flag's words (-D's, not -d's)."""
    options = grammar().scope(("git", "branch")).options
    words = {flag: {"en": options[flag].en, "ja": options[flag].ja} for flag in ("-D", "--force")}
    assert grade("-D", "-D", kind="option", command="git branch").differences == ()
    got = grade("-D", "--delete", kind="option", command="git branch").differences
    assert [(d.kind, d.expected, d.option, d.meaning) for d in got] == [("missing", "--force", "--force", words["--force"])]
    got = grade("-d", "-D", kind="option", command="git branch").differences
    assert [(d.kind, d.typed, d.option, d.meaning) for d in got] == [("extra", "-D", "--force", words["--force"])]
    got = grade("-D", "-M", kind="option", command="git branch").differences
    assert [(d.kind, d.expected, d.typed, d.option, d.meaning) for d in got] == [("wrong_value", "-D", "-M", "-D", words["-D"])]
    got = grade("--quiet", "-D", kind="option", command="git branch").differences
    assert [(d.kind, d.typed, d.option) for d in got] == [("wrong_value", "-D", "--quiet")]
    got = grade("-q", "-q -D", kind="option", command="git branch").differences
    assert [(d.kind, d.typed, d.option) for d in got] == [("extra", "-D", "-D")]  # named once, as typed
    ff = grammar().scope(("git", "merge")).options["--ff"]
    got = grade("--no-ff", "--squash", kind="option", command="git merge").differences
    assert [(d.kind, d.option, d.meaning, d.turns_off) for d in got] == [
        ("wrong_value", "--no-ff", {"en": ff.en, "ja": ff.ja}, "--ff")  # --ff's words, said as turned off
    ]


def test_a_letter_left_out_of_a_bundle_is_that_option_missing_and_another_is_more():
    """A new user typed `rsync -a` for `rsync -av` and read "typo: -av ← -a": it is -v left out
    (partial, "close enough" offered by study), and `-xvf` for `-xzf` is -z missing, -v more."""
    missing = grade("rsync -av src/ dst/", "rsync -a src/ dst/")
    assert [(d.kind, d.expected) for d in missing.differences if d.kind != "unknown_command"] == [("missing", "-v")]
    other = grade("tar -xzf x.tgz", "tar -xvf x.tgz")
    assert {(d.kind, d.expected or d.typed) for d in other.differences if d.kind != "unknown_command"} == {
        ("missing", "-z"),
        ("extra", "-v"),
    }


def test_misplaced_flag_is_named():
    result = grade("docker run -d nginx", "docker run nginx -d")
    assert [(d.kind, d.typed) for d in result.differences] == [("misplaced", "-d")]


def test_typo_names_expected_and_typed():
    result = grade("docker pull nginx", "docker pul nginx")
    assert [(d.kind, d.expected, d.typed) for d in result.differences] == [("typo", "pull", "pul")]


def test_placeholder_text_is_shown_back():
    result = grade("docker run -v ${HOST_DIR}:${CONTAINER_DIR} ubuntu", "docker run -v /ws ubuntu")
    assert result.differences[0].expected == "${HOST_DIR}:${CONTAINER_DIR}"


@pytest.mark.parametrize(
    "expected, typed, shown",
    [
        ("kubectl delete -f d.yaml", "kubectl remove -f d.yaml", "kubectl remove"),
        ("git status", "git st", "git st"),
        ("docker compose up -d", "docker up -d", "docker up"),
    ],
)
def test_another_command_is_quoted_as_typed_up_to_the_words_the_cli_does_not_know(expected, typed, shown):
    (diff,) = [d for d in grade(expected, typed, kind="command").differences if d.kind == "wrong_command"]
    assert diff.typed == shown


def test_a_bare_optional_value_is_compared_never_shown():
    """The value a flag stands for typed bare (`bare`) is for comparing: the values study shows
    beside a prompt are the line's own, so `-u` asks for no `all`."""
    from dockquiz.grading.forms import card_values

    assert card_values("command", "git status -u") == []
    assert card_values("command", "kubectl apply -f a.yaml --dry-run") == ["a.yaml"]
    assert grade("-u", "-uall", kind="option", command="git status").verdict == "equivalent"
    assert grade("-u", "-unormal", kind="option", command="git status").verdict == "wrong"
