package org.tipline.office.reward;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class RewardRepository implements PanacheRepositoryBase<TipReward, UUID> {
}
